"""Staff pages of the help desk: the inbox, bulk changes and the ticket page."""
