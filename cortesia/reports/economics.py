"""Customer economics (being written): active, new and lost customers, retention and
churn, order value and frequency, CLTV and CAC."""
