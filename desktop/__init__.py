"""QunDesk (群管家): a desktop workstation for operators who run hundreds of chat groups."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("qundesk")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0"

APP_NAME = "QunDesk"
APP_DISPLAY_NAME = "群管家"
ORG_NAME = "QunDesk"
