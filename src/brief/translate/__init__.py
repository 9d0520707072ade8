"""Translation: terms and numbers protected, each distinct segment once, cached, verified."""
