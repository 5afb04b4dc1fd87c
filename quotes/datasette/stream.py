"""Sending a streamed response body in chunks of a useful size.

Datasette's CSV export writes each row with its own ASGI ``send``: ten
thousand rows make ten thousand messages, each passed through every
middleware, and each a chunk of its own on the wire. :func:`buffer_body`
gathers the parts of a streamed body until ``CHUNK`` bytes have built up,
then sends them as one message. A body sent in one message passes through
untouched.
"""

from __future__ import annotations

CHUNK = 64 * 1024


def buffer_body(app):
    """Wrap the ASGI ``app`` so its streamed response bodies go out in ``CHUNK``-byte parts."""

    async def buffered_app(scope, receive, send):
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        parts: list[bytes] = []
        size = 0

        async def buffered_send(message):
            nonlocal size
            if message["type"] != "http.response.body":
                await send(message)
                return
            more = message.get("more_body", False)
            if not parts and not more:
                await send(message)
                return
            body = message.get("body", b"")
            parts.append(body)
            size += len(body)
            if size >= CHUNK or not more:
                body = b"".join(parts)
                await send({"type": "http.response.body", "body": body, "more_body": more})
                parts.clear()
                size = 0

        await app(scope, receive, buffered_send)

    return buffered_app
