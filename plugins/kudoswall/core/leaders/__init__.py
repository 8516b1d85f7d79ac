"""What leaders and people receive outside the site: the private report, digests and notices."""
