"""The embedded demo: a synthetic business and local servers that speak the providers' APIs.

This package is a stranger to the product on purpose. It writes WhatsApp Cloud API webhook bodies
and HubSpot CRM v3 records from its own reading of the providers' documentation and never imports
`ingestion`, `orchestration` or `quality`, so the data cannot be tuned to the parser that reads it.
"""
