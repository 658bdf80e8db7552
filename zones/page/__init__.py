"""The Streamlit page's parts: the share-link codec, the session, the data set, page text and the
export panel."""
