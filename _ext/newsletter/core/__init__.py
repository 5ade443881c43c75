"""The archive's pure core: model, issue dialect, front matter, registry, mentions.

Nothing here imports Sphinx. The build (the rest of this package), the
editors' checker and the importer all stand on these modules, which is how
they agree about what an issue may say and what it means.
"""
