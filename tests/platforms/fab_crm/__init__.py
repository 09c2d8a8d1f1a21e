"""fab_crm: a Flask-AppBuilder CRM that golive's tests start as a second platform."""
