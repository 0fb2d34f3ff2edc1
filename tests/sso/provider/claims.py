from oidc_provider.lib.claims import ScopeClaims


def userinfo(claims, user):
    claims.update(
        preferred_username=user.username,
        name=user.get_full_name(),
        given_name=user.first_name,
        family_name=user.last_name,
        email=user.email,
        email_verified=True,
    )
    return claims


class GroupsScope(ScopeClaims):
    info_groups = ("Groups", "Your groups")

    def scope_groups(self):
        return {"groups": sorted(self.user.groups.values_list("name", flat=True))}
