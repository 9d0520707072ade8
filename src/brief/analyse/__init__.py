"""Analysis of Japanese text: morphology (SudachiPy), numbers, section classification."""
