from tiip_writer.cli.main import main

main()
