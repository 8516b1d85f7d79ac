"""The intake service and the moderators' inbox (`kudos inbox ...`).

`store` has no web dependency and serves the moderators' commands; `app`
is the HTTP service, imported only by `kudos inbox serve`.
"""
