"""Every screen run headless through Streamlit's AppTest (tests/screens.py open_screen)."""
