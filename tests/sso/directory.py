"""A real OpenLDAP server (Debian's slapd) for the tests, with a small seeded directory.

`Directory.start()` writes a slapd.conf into a temporary folder, starts slapd on a free port
of 127.0.0.1 (in the foreground, as a child process) and loads the seed with ldapadd. Groups
nest: `lotse-potsdam-pmo` contains the group `pmo-team`, which contains Anna, so Anna is in
`lotse-potsdam-pmo` only through nesting.
"""

import socket
import subprocess
import time
from dataclasses import dataclass
from typing import ClassVar

from .server import LocalServer
from .server import free_port

SLAPD = "/usr/sbin/slapd"
LDAPADD = "/usr/bin/ldapadd"
LDAPMODIFY = "/usr/bin/ldapmodify"
SUFFIX = "dc=lotse,dc=test"
ADMIN_DN = f"cn=admin,{SUFFIX}"
ADMIN_PASSWORD = "admin-geheim"
SERVICE_DN = f"cn=lotse-service,ou=services,{SUFFIX}"
SERVICE_PASSWORD = "dienst-geheim"
USERS = f"ou=people,{SUFFIX}"
GROUPS = f"ou=groups,{SUFFIX}"
# groupOfNames needs at least one member: every group keeps this one, so any person can leave.
PLACEHOLDER = f"cn=placeholder,{SUFFIX}"
PASSWORDS = {"anna": "anna-geheim", "bernd": "bernd-geheim"}
# uid → (given name, surname)
PEOPLE = {"anna": ("Anna", "Amsel"), "bernd": ("Bernd", "Berg")}

CONFIG = """\
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
pidfile {dir}/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 10485760
suffix "{suffix}"
rootdn "{admin}"
rootpw {admin_password}
directory {dir}/data
access to attrs=userPassword by self write by anonymous auth by * none
access to * by dn.exact="{service}" read by self read by * none
"""


def _person(uid: str, given_name: str, surname: str) -> str:
    """A person's entry in the seed (with the blank line that ends it)."""
    return f"""\
dn: uid={uid},{USERS}
objectClass: inetOrgPerson
uid: {uid}
cn: {given_name} {surname}
givenName: {given_name}
sn: {surname}
mail: {given_name.lower()}.{surname.lower()}@potsdam.example
userPassword: {PASSWORDS[uid]}

"""


SEED = f"""\
dn: {SUFFIX}
objectClass: dcObject
objectClass: organization
o: Lotse Test
dc: lotse

dn: ou=people,{SUFFIX}
objectClass: organizationalUnit
ou: people

dn: ou=groups,{SUFFIX}
objectClass: organizationalUnit
ou: groups

dn: ou=services,{SUFFIX}
objectClass: organizationalUnit
ou: services

dn: {SERVICE_DN}
objectClass: person
cn: lotse-service
sn: Dienstkonto
userPassword: {SERVICE_PASSWORD}

{"".join(_person(uid, *names) for uid, names in PEOPLE.items())}dn: cn=pmo-team,{GROUPS}
objectClass: groupOfNames
cn: pmo-team
member: {PLACEHOLDER}
member: uid=anna,{USERS}

dn: cn=lotse-potsdam-pmo,{GROUPS}
objectClass: groupOfNames
cn: lotse-potsdam-pmo
member: {PLACEHOLDER}
member: cn=pmo-team,{GROUPS}

dn: cn=lotse-lesende,{GROUPS}
objectClass: groupOfNames
cn: lotse-lesende
member: {PLACEHOLDER}
member: uid=bernd,{USERS}
"""


@dataclass
class Directory(LocalServer):
    FOLDER_PREFIX: ClassVar[str] = "lotse-slapd-"
    SCHEME: ClassVar[str] = "ldap"

    def start(self) -> "Directory":
        self.port = free_port()
        (self.folder / "data").mkdir()
        config = self.folder / "slapd.conf"
        config.write_text(
            CONFIG.format(
                dir=self.folder,
                suffix=SUFFIX,
                admin=ADMIN_DN,
                admin_password=ADMIN_PASSWORD,
                service=SERVICE_DN,
            )
        )
        # -d 0: stay in the foreground (a child of the test run), log nothing.
        self.process = subprocess.Popen(  # noqa: S603 - fixed command, our own files
            [SLAPD, "-f", str(config), "-h", self.url + "/", "-d", "0"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait()
        self.ldap(LDAPADD, SEED)
        return self

    def _wait(self) -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"slapd stopped: {self.process.stderr.read().decode()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("slapd did not listen within 15 s")

    def ldap(self, tool: str, ldif: str) -> None:
        subprocess.run(  # noqa: S603 - fixed command, our own seed
            [tool, "-x", "-H", self.url, "-D", ADMIN_DN, "-w", ADMIN_PASSWORD],
            input=ldif.encode(),
            check=True,
            capture_output=True,
        )

    def remove_member(self, group: str, member_dn: str) -> None:
        self.ldap(
            LDAPMODIFY,
            f"dn: cn={group},{GROUPS}\nchangetype: modify\ndelete: member\nmember: {member_dn}\n",
        )

    def add_member(self, group: str, member_dn: str) -> None:
        self.ldap(
            LDAPMODIFY,
            f"dn: cn={group},{GROUPS}\nchangetype: modify\nadd: member\nmember: {member_dn}\n",
        )
