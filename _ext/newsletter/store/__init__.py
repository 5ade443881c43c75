"""The store and its bookkeeping: the Sphinx layer's second room.

:mod:`.data` is the one store of issues and items (a domain's data, see
:mod:`.domain`); :mod:`.projects` loads the registry, :mod:`.taxonomy` groups
items by tag and project, :mod:`.link_data` reads the link-health file, and
:mod:`.freshness` with :mod:`.output` decide which generated files are
already up to date, and :mod:`.template_code` keeps compiled templates
between builds. Views read from here; nothing here renders a page.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ..priorities import AFTER_SOURCE_SUFFIXES, FINALLY
from . import doc_outputs, domain, freshness, projects, template_code


def setup(app: Sphinx) -> None:
    """Register the domain, the registry check and the freshness bookkeeping."""
    # newsletter_projects_file and newsletter_link_health_file are site
    # settings, registered with the others (core/settings.py).
    # Set by the extension from the templates themselves, never in conf.py.
    app.add_config_value(freshness.TEMPLATES_DIGEST, "", "html", types=[str])
    app.add_domain(domain.NewsletterDomain)
    app.connect("config-inited", freshness.digest_templates, priority=AFTER_SOURCE_SUFFIXES)
    app.connect("builder-inited", freshness.start_build)
    app.connect("builder-inited", projects.check_registry)
    app.connect("builder-inited", template_code.keep_compiled_templates)
    app.connect("warn-missing-reference", domain.warn_missing_topic)
    app.connect("doctree-resolved", freshness.note_written)
    app.connect("build-finished", doc_outputs.remove_outputs_of_removed_documents)
    app.connect("build-finished", doc_outputs.move_build_info_backup)
    app.connect("build-finished", freshness.commit, priority=FINALLY)
