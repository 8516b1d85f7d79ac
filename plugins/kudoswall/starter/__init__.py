"""Starting a site: `kudos init` writes these templates (files/) or edits an existing mkdocs.yml."""
