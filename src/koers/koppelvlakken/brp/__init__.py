"""The BRP koppeling: Haal Centraal BRP Personen bevragen, asked per purpose for only the fields it needs.

Door: ``services.raadpleeg_persoon`` (one logged BRP request) and ``mapping.voorinvulling`` (BRP person → the fields of
koers.inburgeraars); ``registratie`` offers both to the registration form (koers.dossiers.voorinvulling). ``stub`` is
a local BRP for the demo and the tests. See docs/brp.md.
"""
