"""The resident build server: a preloaded tiip that forks one child per command.

Starting Python and importing click, PyYAML, Jinja2, markdown-it, python-docx and lxml costs a
`tiip build` about 0.2 s before it reads a byte of the proposal, more than the build itself.
Like Rails' Spring or Gradle's daemon, the first `tiip` command starts a server in the
background that imports all of that once; later commands connect to it over a Unix socket and
the server forks a child that runs the command exactly as a fresh process would: with the
caller's terminal or pipes (passed as file descriptors), working folder, environment and
umask, and its exit code. Nothing is kept between commands except the imported code.

- address.py: where the socket lives and which code it serves (stdlib only: the client path)
- protocol.py: the request and the replies on the socket (stdlib only)
- client.py: hand a command to the server, start one when there is none (stdlib only)
- daemon.py: the server process itself

Set TIIP_SERVER=off to run every command in its own process; `tiip server` starts, stops and
shows the server. Windows has no fork: there every command runs in its own process.
"""
