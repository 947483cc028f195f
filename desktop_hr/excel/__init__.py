"""Excel exchange: a generic sheet reader and writer, and one module per kind of data exchanged."""
