"""The pure core: session schema, canvas data and rules, labels. No Textual imports here."""
