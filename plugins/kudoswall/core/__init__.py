"""The kudos wall without MkDocs: data, site, rendering and leaders' tools, in layers that import downward."""
