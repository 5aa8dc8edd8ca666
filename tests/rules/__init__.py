"""The rules without a screen: the status method and its registry, verdicts, words, safe text, the layers."""
