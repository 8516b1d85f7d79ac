"""The site as values: its pages and files, one section per kind of page, made from the data."""
