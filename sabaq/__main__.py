from sabaq.cli import main

main()
