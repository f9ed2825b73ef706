"""The customer portal: magic-link sign-in, the customer's own requests and the web form."""
