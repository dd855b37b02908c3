"""Delivery: the sinks alerts go to (a log, a JSON-lines file, a webhook, Apprise, a Python callable)."""

from ._sinks import (
    AppriseSink,
    CallableSink,
    DeliveryError,
    JsonLinesSink,
    LogSink,
    Sink,
    SinkConfigError,
    WebhookSink,
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
    "JsonLinesSink",
    "LogSink",
    "Sink",
    "SinkConfigError",
    "WebhookSink",
    "render_html",
    "render_markdown",
    "render_text",
    "sink_from_table",
    "verify_signature",
]
