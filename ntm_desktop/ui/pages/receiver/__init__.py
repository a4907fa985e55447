"""The receiving office's pages: the communes and their sign-off, one commune's record read-only, help
across communes, seconded cadres and outcomes, and charts."""
