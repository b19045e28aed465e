"""The `tiip` command line: takes argv, gives printed results and an exit code; the only layer
that prints or exits. One module per verb; batches (batch.py) and progress bars live here too."""
