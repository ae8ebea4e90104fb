"""Workers at the same moment on PostgreSQL: SKIP LOCKED lets one send a delivery, never two."""

from __future__ import annotations

import threading

import pytest
from django.db import connection  # noqa: F401 (read by the skipif condition)

from koers.dossiers.services import registreer_inburgeraar
from koers.notificaties import bezorging
from koers.notificaties.models import Bezorging, Poging
from koers.utils.clock import nu
from tests.notificaties.conftest import persoon

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks need PostgreSQL"),
]


def test_four_workers_picking_up_one_delivery_send_it_once(abonnement, ontvanger, klantmanager):
    registreer_inburgeraar(door=klantmanager, **persoon())  # committed; eager dispatch sent it once already
    assert len(ontvanger.verzoeken) == 1
    b = Bezorging.objects.get()
    # as if its result was lost: waiting and due again
    Bezorging.objects.filter(pk=b.pk).update(status="wachtend", bezorgd_op=None, volgende_poging_op=nu())
    ontvanger.verzoeken.clear()
    ontvanger.vertraging = 0.5  # the receiver is slow: the first worker holds the row while it waits

    from django.db import connections

    start = threading.Barrier(4)
    uitkomsten: list = []

    def werker():
        start.wait()
        try:
            uitkomsten.append(bezorging.bezorg(b.pk))
        finally:
            connections.close_all()

    draden = [threading.Thread(target=werker) for _ in range(4)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=60)

    assert (uitkomsten.count("bezorgd"), uitkomsten.count(None)) == (1, 3)
    assert len(ontvanger.verzoeken) == 1
    assert Poging.objects.filter(bezorging=b).count() == 2
