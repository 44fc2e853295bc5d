"""The partners' command line of the Parcours numérique solidaire."""

__version__ = "0.1.0"
