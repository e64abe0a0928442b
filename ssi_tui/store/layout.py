"""The names of a data dir's files (see `store/datadir.py` for what each holds): a module of
its own, light enough for the first frame's preview of the last scores to import."""

STORE_FILE = "store.json"
HISTORY_DIR = "history"
BACKUP_DIR = "backups"
LOCK_FILE = "store.lock"
CACHE_DIR = "cache"
