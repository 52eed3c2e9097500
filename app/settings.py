"""Settings, read from the environment (prefix ``KETENKAART_``) and a ``.env`` file.

Every field has a description; ``tests/test_docs.py`` checks each one appears in the
README's configuration table. No credentials have defaults.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from loaders.readers import DEFAULT_LIMITS, ReadLimits
from queries.registry import StoreOptions

__all__ = ["Settings"]


class Settings(BaseSettings):
    """Ketenkaart's settings."""

    model_config = SettingsConfigDict(env_prefix="KETENKAART_", env_file=".env", extra="ignore")

    database: str | None = Field(
        default=None,
        description=(
            "Where the data lives: a SQLite file path, or a Neo4j URL (`neo4j://host:7687`, `neo4j+s://`, "
            "`bolt://`). Empty: ketenkaart.sqlite in the data folder."
        ),
    )
    neo4j_user: str = Field(default="neo4j", description="Neo4j user name.")
    neo4j_password: SecretStr | None = Field(default=None, description="Neo4j password.")
    neo4j_database: str | None = Field(
        default=None, description="Neo4j database name. Empty: the server's default database."
    )
    neo4j_batch_size: int | None = Field(
        default=None,
        ge=1,
        le=100_000,
        description="Rows per `UNWIND` batch when writing to Neo4j. Empty: 1000.",
    )
    data_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir("ketenkaart", appauthor=False)),
        description="Folder for the default database and the demo municipality.",
    )
    pseudonym_key: SecretStr | None = Field(
        default=None,
        description="Secret key (16+ characters) for `load --pseudonymise`; keep it the same between loads.",
    )

    users_file: Path | None = Field(
        default=None,
        description=(
            "TOML file of app users (`ketenkaart user add`). Empty: users.toml in the data folder. "
            "While the file exists, the app asks everyone to log in."
        ),
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description=(
            "Key that signs login cookies and survey links. Empty: a new random key at every start for "
            "cookies, and for links a key made once in the data folder (`survey-link.key`)."
        ),
    )
    secure_cookies: bool | None = Field(
        default=None,
        description=(
            "Send the login cookie over HTTPS only (`Secure`). Empty: on when the app listens beyond "
            "this machine (`--host` other than 127.0.0.1), off on loopback."
        ),
    )
    public_url: str = Field(
        default="http://127.0.0.1:8050",
        description=(
            "The app's address as partners reach it (`https://kaart.example.nl`); survey links are built "
            "on it. Default: what `ketenkaart serve` answers at on this machine."
        ),
    )
    max_file_mb: int = Field(
        default=512,
        ge=1,
        description="The largest input file (CSV or workbook) a load reads, in MB; larger ones are refused.",
    )
    max_rows: int = Field(
        default=2_000_000,
        ge=1,
        description="The most data rows one table (CSV file or sheet) may hold; more are refused.",
    )
    max_cells: int = Field(
        default=20_000_000,
        ge=1,
        description="The most non-empty cells one table may hold; more are refused.",
    )
    upload_seconds: float = Field(
        default=120,
        gt=0,
        le=3600,
        description="Seconds the explorer may spend reading one upload before it is refused.",
    )
    upload_memory_mb: int = Field(
        default=1536,
        ge=256,
        description="Memory (MB) the explorer may use reading one upload before it is refused.",
    )
    small_count: int = Field(
        default=5,
        ge=1,
        description=(
            "Partners see their referral counts built from per-month counts rounded to a multiple of this "
            "(halves up), `<N` when that is 0."
        ),
    )

    smtp_host: str | None = Field(
        default=None,
        description=(
            "SMTP server that sends survey invitations and reminders (`ketenkaart survey send`). "
            "Empty: the app sends no mail; download the links for a mail merge instead."
        ),
    )
    smtp_port: int = Field(default=587, ge=1, le=65535, description="Port of the SMTP server.")
    smtp_user: str | None = Field(default=None, description="User name on the SMTP server; empty: no login.")
    smtp_password: SecretStr | None = Field(default=None, description="Password on the SMTP server.")
    smtp_starttls: bool = Field(
        default=True,
        description=(
            "Encrypt the connection with STARTTLS before logging in or sending; mail is refused when the "
            "server does not offer it. A login is never sent unencrypted except to a server on this machine."
        ),
    )
    mail_from: str | None = Field(
        default=None, description="Sender address of survey invitations; needed when `smtp_host` is set."
    )

    def read_limits(self) -> ReadLimits:
        """The readers' limits (``loaders.readers.ReadLimits``) with the sizes these settings give."""
        file_bytes = self.max_file_mb * 1024 * 1024
        return replace(DEFAULT_LIMITS, file_bytes=file_bytes, rows=self.max_rows, cells=self.max_cells)

    def store_options(self) -> StoreOptions:
        """How to reach Neo4j, for ``queries.open_store``."""
        password = self.neo4j_password.get_secret_value() if self.neo4j_password else None
        return StoreOptions(
            user=self.neo4j_user,
            password=password,
            database=self.neo4j_database or None,
            batch_size=self.neo4j_batch_size,
        )

    def users_path(self) -> Path:
        """The users file: the setting, or ``users.toml`` in the data folder; login is on while it exists."""
        return self.users_file or self.data_dir / "users.toml"

    def database_location(self) -> str:
        """The database to open: the setting, or the default file in the data folder."""
        return self.database or str(self.data_dir / "ketenkaart.sqlite")
