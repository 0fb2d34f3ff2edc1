"""What the test servers of the single sign-on tests share: a free port on 127.0.0.1 and their
URL, a temporary folder, and a process of their own that is stopped at the end."""

import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LocalServer:
    FOLDER_PREFIX: ClassVar[str] = "lotse-server-"
    SCHEME: ClassVar[str] = "http"

    port: int = 0
    folder: Path | None = None  # a new temporary folder unless given
    process: subprocess.Popen | None = None

    def __post_init__(self) -> None:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix=self.FOLDER_PREFIX))

    @property
    def url(self) -> str:
        return f"{self.SCHEME}://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
