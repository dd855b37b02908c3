"""Delivery: the outbox job (at least once, retried with backoff, parked after too many failures) and the
sinks alerts go to (a log, a JSON-lines file, a webhook, Apprise, a Python callable)."""

from ._outbox import DeliveryReport, Outbox, retry_delay
from ._sinks import (
    AppriseSink,
    CallableSink,
    DeliveryError,
    JsonLinesSink,
    LogSink,
    Sink,
    SinkConfigError,
    WebhookSink,
    describe,
    render_html,
    render_markdown,
    render_text,
    sink_from_table,
    verify_signature,
)

__all__ = [
    "AppriseSink",
    "CallableSink",
    "DeliveryError",
    "DeliveryReport",
    "JsonLinesSink",
    "LogSink",
    "Outbox",
    "Sink",
    "SinkConfigError",
    "WebhookSink",
    "describe",
    "render_html",
    "render_markdown",
    "render_text",
    "retry_delay",
    "sink_from_table",
    "verify_signature",
]
