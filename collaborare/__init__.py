"""Content model, vocabularies and checks for the "Collaborare e partecipare" collection."""
