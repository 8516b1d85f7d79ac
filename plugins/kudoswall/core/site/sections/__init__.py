"""One module per kind of page: its page classes and the section function that makes them."""
