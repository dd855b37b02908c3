"""Where alerts go: the built-in sinks, the `Sink` protocol, message rendering and TOML sink tables.

See docs/delivery.md. Everything here is defined in `tradewatch.delivery`.
"""

from tradewatch.delivery import (
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
    "JsonLinesSink",
    "LogSink",
    "Sink",
    "SinkConfigError",
    "WebhookSink",
    "describe",
    "render_html",
    "render_markdown",
    "render_text",
    "sink_from_table",
    "verify_signature",
]
