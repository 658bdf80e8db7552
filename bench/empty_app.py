"""A page with one checkbox and nothing else: measures the AppTest harness's own rerun cost,
so that the dashboard's rerun figures can be read net of it."""

import streamlit as st

st.checkbox("Eastern Ghouta de-escalation zone", key="layer_eastern_ghouta")
