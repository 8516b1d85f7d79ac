"""The data of a site: reading its files, checking them, and the model they become."""
