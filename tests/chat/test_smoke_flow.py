import pytest
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import Permission

from lantern.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)


async def visitor():
    comm = WebsocketCommunicator(application, "/ws/chat/visitor/", headers=[(b"origin", b"http://localhost"), (b"host", b"localhost")])
    connected, _ = await comm.connect()
    assert connected
    return comm


async def test_start_accept_talk(django_user_model, client):
    from asgiref.sync import sync_to_async

    def make_operator():
        user = django_user_model.objects.create_user("op", password="x")
        user.user_permissions.add(Permission.objects.get(codename="operate_chat"))
        return user

    user = await sync_to_async(make_operator)()
    await sync_to_async(client.force_login)(user)
    cookie = client.cookies["sessionid"].value

    v = await visitor()
    await v.send_json_to({"type": "start", "language": "ru", "topic": "work"})
    started = await v.receive_json_from()
    assert started["type"] == "started" and len(started["token"]) > 30
    state = await v.receive_json_from()
    assert state["type"] == "state"
    queue = await v.receive_json_from()
    assert queue == {"type": "queue", "position": 1, "estimated_wait_seconds": 120}

    op = WebsocketCommunicator(application, "/ws/chat/operator/", headers=[(b"origin", b"http://localhost"), (b"host", b"localhost"), (b"cookie", f"sessionid={cookie}".encode())])
    connected, _ = await op.connect()
    assert connected
    st = await op.receive_json_from()
    assert st["type"] == "state", st
    conv_id = st["queue"][0]["id"]
    await op.send_json_to({"type": "accept", "conversation": conv_id})
    frames = [await op.receive_json_from() for _ in range(2)]
    assert frames[0]["type"] in {"accepted", "queue"}, frames
    await v.send_json_to({"type": "message", "client_id": "c1", "text": "<script>alert(1)</script>"})
    seen = []
    for _ in range(6):
        seen.append(await v.receive_json_from(timeout=2))
        if any(f.get("type") == "ack" for f in seen):
            break
    print(seen)
    assert any(f.get("type") == "ack" and f["seq"] for f in seen)
    await v.disconnect()
    await op.disconnect()
