"""Babel extraction from Django templates (`make messages`, tests/test_translations.py): Django's own
`templatize` turns `{% translate %}` and `{% blocktranslate %}` into gettext calls, which Babel's
Python extractor reads. Pure Python, so no GNU gettext is needed."""
import io

from babel.messages.extract import extract_python


def extract_django(fileobj, keywords, comment_tags, options):
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure()
        django.setup()
    from django.utils.translation.template import templatize

    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    python = templatize(source)
    yield from extract_python(io.BytesIO(python.encode("utf-8")), keywords, comment_tags, options)
