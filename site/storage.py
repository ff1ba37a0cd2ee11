"""Static files in production: whitenoise's compressed, hashed storage, with the imports
between ES modules rewritten to the hashed names too (the chat widget and the console import
`chat-socket.js`), so that a page never pairs a new script with an old module after a deploy."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
