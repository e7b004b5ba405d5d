"""The report pages (/rapportages/): the archive, requests with their progress,
downloads, the HTML preview and the yearly evaluation."""
