// The system's libsqlite3 (Debian's libsqlite3-dev). Only Ledger's SQLiteDatabase.swift imports it.
#include <sqlite3.h>
