"""Pages and files to HTML and bytes: the Jinja environment, link making and what a rebuild keeps."""
