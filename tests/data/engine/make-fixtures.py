#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the engine's test fixtures (snapshots, format 2 unless named legacy) next to
this script.

The fixtures are committed; this script documents how each was built and regenerates
them. test-engine.c states the expected status of every control for each one.
"""

import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TENANT = "11111111-2222-3333-4444-555555555555"
DEFAULT = f"Default-{TENANT}"
PROD_A = "aaaaaaaa-0000-0000-0000-000000000001"
PROD_B = "bbbbbbbb-0000-0000-0000-000000000002"
SANDBOX = "cccccccc-0000-0000-0000-000000000003"
DEV = "dddddddd-0000-0000-0000-000000000004"
GROUP = "9f3c1e4a-1b2c-4d5e-8f90-123456789abc"
ZERO = "00000000-0000-0000-0000-000000000000"

DATAVERSE_APP = "00000007-0000-0000-c000-000000000000"
POWERAPPS_APP = "475226c6-020e-4fb2-8a90-7a972cbfc1d4"
FLOW_APP = "7df0a125-d3be-4c96-aa54-591f83ff541c"
TRUSTED_APP = "51f81489-12ee-4a9e-aaae-a2591f45987d"

GOOD_SETTINGS = {
    "disableEnvironmentCreationByNonAdminUsers": True,
    "disableTrialEnvironmentCreationByNonAdminUsers": True,
    "disablePortalsCreationByNonAdminUsers": True,
    "powerPlatform": {
        "powerApps": {"disableShareWithEveryone": True, "enableGuestsToMake": False,
                      "disableConnectionSharingWithEveryone": True},
        "governance": {"disableDeveloperEnvironmentCreationByNonAdminUsers": True,
                       "enableDefaultEnvironmentRouting": True},
    },
}
BAD_SETTINGS = {
    "disableEnvironmentCreationByNonAdminUsers": False,
    "disableTrialEnvironmentCreationByNonAdminUsers": False,
    "disablePortalsCreationByNonAdminUsers": False,
    "powerPlatform": {
        "powerApps": {"disableShareWithEveryone": False, "enableGuestsToMake": True,
                      "disableConnectionSharingWithEveryone": False},
        "governance": {"disableDeveloperEnvironmentCreationByNonAdminUsers": False,
                       "enableDefaultEnvironmentRouting": False},
    },
}
GOOD_ROW = {
    "organizationid": "0000", "enableipbasedfirewallrule": True,
    "enableipbasedfirewallruleinauditmode": False,
    "allowediprangeforfirewall": "10.10.0.0/16, 192.168.0.0/24",
    "allowedlistofiprangesforfirewall": None,
    "enableipbasedcookiebinding": True,
    "isauditenabled": True, "iscontentsecuritypolicyenabled": True,
    "iscontentsecuritypolicyenabledforcanvas": True,
    "restrictGuestUserAccess": True,
    "applicationbasedaccesscontrolmode": 1,
    "allowedapplicationsfordvaccess": TRUSTED_APP, "blockedapplicationsfordvaccess": None,
}
BAD_ROW = {
    "organizationid": "0000", "enableipbasedfirewallrule": True,
    "enableipbasedfirewallruleinauditmode": True,
    "allowediprangeforfirewall": "10.10.0.0/16", "allowedlistofiprangesforfirewall": "",
    "enableipbasedcookiebinding": False,
    "isauditenabled": False, "iscontentsecuritypolicyenabled": True,
    "iscontentsecuritypolicyenabledforcanvas": False,
    "restrictGuestUserAccess": False,
    "applicationbasedaccesscontrolmode": 2,
    "allowedapplicationsfordvaccess": TRUSTED_APP, "blockedapplicationsfordvaccess": "",
}
# What a format 1 reader selected.
V1_COLUMNS = ("organizationid", "enableipbasedfirewallrule", "enableipbasedfirewallruleinauditmode",
              "allowediprangeforfirewall", "enableipbasedcookiebinding", "isauditenabled",
              "iscontentsecuritypolicyenabled", "iscontentsecuritypolicyenabledforcanvas")

ALLOWED_CONNECTORS = [("shared_sharepointonline", "SharePoint"), ("shared_office365", "Office 365 Outlook")]
OTHER_CONNECTORS = [("shared_twitter", "Twitter"), ("shared_dropbox", "Dropbox")]


def user(n, disabled=False, mode=0, app=None, aad="auto"):
    uid = f"{n:08d}-aaaa-bbbb-cccc-000000000000"
    return {"systemuserid": uid, "isdisabled": disabled, "accessmode": mode,
            "applicationid": app,
            "azureactivedirectoryobjectid": f"{n:08d}-dddd-eeee-ffff-000000000000" if aad == "auto" else aad}


def admins(users, copies=1):
    """The roles answer: the System Administrator role's copy in each business unit."""
    roles = []
    for c in range(copies):
        roles.append({"roleid": f"{c:08d}-1111-1111-1111-111111111111",
                      "systemuserroles_association": users})
    return {"@odata.context": "https://x.crm4.dynamics.com/api/data/v9.2/$metadata#roles", "value": roles}


# 3 people, plus one application user, one disabled user, one non-interactive account
# and one without an Entra object: those four are not counted.
GOOD_ADMINS = admins([user(1), user(2), user(3), user(4, app=TRUSTED_APP), user(5, disabled=True),
                      user(6, mode=4), user(7, aad=None), user(1)], copies=2)
# 12 people.
BAD_ADMINS = admins([user(i) for i in range(1, 13)])


def principal(kind, n, name):
    return {"@odata.type": f"#microsoft.graph.{kind}", "id": f"{n:08d}-9999-9999-9999-999999999999",
            "displayName": name, "userPrincipalName": f"{name.lower().replace(' ', '.')}@contoso.com"
            if kind == "user" else None}


def assignment(p):
    return {"id": "x", "roleDefinitionId": "62e90394-69f5-4237-9190-012177145e10",
            "principalId": p["id"], "directoryScopeId": "/", "principal": p}


ADMINS_GROUP = principal("group", 50, "Tenant admins")
# Two direct users and a group whose one member is a third person (the second direct user
# is also in the group: counted once).
GOOD_GLOBAL_ADMINS = {
    "assignments": {"value": [assignment(principal("user", 1, "Alex Admin")),
                              assignment(principal("user", 2, "Break Glass")),
                              assignment(principal("servicePrincipal", 3, "Automation")),
                              assignment(ADMINS_GROUP)]},
    "group_members": {ADMINS_GROUP["id"]: {"value": [principal("user", 4, "Grace Group"),
                                                     principal("user", 2, "Break Glass"),
                                                     principal("group", 51, "Nested")]}},
}
BAD_GLOBAL_ADMINS = {"assignments": {"value": [assignment(principal("user", 1, "Alex Admin"))]},
                     "group_members": {}}


def ca_policy(name, state="enabled", apps=("All",), exclude=(), users=("All",), clients=None,
              controls=("mfa",), operator="OR", strength=None):
    conditions = {"applications": {"includeApplications": list(apps), "excludeApplications": list(exclude)},
                  "users": {"includeUsers": list(users), "excludeUsers": ["break-glass-id"]}}
    if clients is not None:
        conditions["clientAppTypes"] = list(clients)
    return {"id": f"ca-{name.lower().replace(' ', '-')}", "displayName": name, "state": state,
            "conditions": conditions,
            "grantControls": {"operator": operator, "builtInControls": list(controls),
                              "authenticationStrength": strength}}


GOOD_CA = {"value": [ca_policy("Require MFA for everyone")]}
OFFICE_365_TRAP = {"value": [ca_policy("MFA for Office", apps=("Office365",))]}
NO_DEFAULTS = {"@odata.context": "x", "id": "00000000-0000-0000-0000-000000000000", "isEnabled": False}
DEFAULTS_ON = dict(NO_DEFAULTS, isEnabled=True)


def graph(ca=None, defaults=None, global_admins=None):
    return {"conditional_access": ca if ca is not None else GOOD_CA,
            "security_defaults": defaults if defaults is not None else NO_DEFAULTS,
            "global_admins": global_admins if global_admins is not None else GOOD_GLOBAL_ADMINS}


def forbidden(permission):
    return {"error": {"status": 403, "code": "Authorization_RequestDenied",
                      "message": f"Insufficient privileges to complete the operation ({permission})."}}


def env(name, sku, display, dataverse=True, group="", managed=False, limited=False,
        cmk=False, vnet=False, default=False):
    props = {
        "displayName": display, "environmentSku": sku, "isDefault": default,
        "linkedEnvironmentMetadata": None,
        "governanceConfiguration": {"protectionLevel": "Standard" if managed else "Basic"},
        "enterprisePolicies": {},
    }
    if dataverse:
        props["linkedEnvironmentMetadata"] = {
            "instanceUrl": f"https://{name[:8]}.crm4.dynamics.com/", "securityGroupId": group}
    if managed:
        props["governanceConfiguration"]["settings"] = {"extendedSettings": {
            "limitSharingMode": "excludeSharingToSecurityGroups" if limited else "noLimit",
            "maxLimitUserSharing": "-1"}}
    if cmk:
        props["enterprisePolicies"]["customerManagedKeys"] = {"linkStatus": "Linked"}
    if vnet:
        props["enterprisePolicies"]["vNets"] = {"linkStatus": "Linked"}
    return {"id": f"/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/{name}",
            "name": name, "location": "europe", "properties": props}


def connectors(items):
    return [{"id": f"/providers/Microsoft.PowerApps/apis/{cid}", "name": cname,
             "type": "Microsoft.PowerApps/apis"} for cid, cname in items]


def policy(name, env_type, envs, default="Blocked", business=ALLOWED_CONNECTORS,
           general=(), blocked=OTHER_CONNECTORS):
    return {"policyDefinition": {
        "name": name, "displayName": name, "environmentType": env_type,
        "defaultConnectorsClassification": default,
        "environments": [{"id": f"/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/{e}",
                          "name": e, "type": "Microsoft.BusinessAppPlatform/scopes/environments"}
                         for e in envs],
        "connectorGroups": [
            {"classification": "Confidential", "connectors": connectors(business)},
            {"classification": "General", "connectors": connectors(general)},
            {"classification": "Blocked", "connectors": connectors(blocked)}]}}


def snapshot(sources, comment, warnings=None, version=2):
    doc = {"_comment": comment, "posture_snapshot": version, "captured_at": "2026-11-28T10:00:00Z",
           "cloud": "public", "tenant": {"id": TENANT, "display_name": "Fixture tenant"}}
    if warnings is not None:
        doc["warnings"] = warnings
    doc["sources"] = sources
    return doc


def isolation(enabled, allowed=None):
    return {"properties": {"tenantId": TENANT, "isDisabled": not enabled,
                           "allowedTenants": allowed if allowed is not None else ""}}


def write(name, data):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")


def main():
    all_pass_sources = {
        "tenant_settings": GOOD_SETTINGS,
        "tenant_isolation": isolation(True, [{"tenantId": "99999999-0000-0000-0000-000000000009",
                                              "direction": {"inbound": True, "outbound": False}}]),
        "environments": [
            env(DEFAULT, "Default", "Contoso (default)", managed=True, limited=True, default=True),
            env(PROD_A, "Production", "Prod A", group=GROUP, managed=True, limited=True, cmk=True, vnet=True),
            env(DEV, "Developer", "Dev", dataverse=False),
        ],
        "dlp_policies": [policy("tenant-wide", "AllEnvironments", [])],
        "dataverse": {DEFAULT: GOOD_ROW, PROD_A: GOOD_ROW},
        "dataverse_admins": {DEFAULT: GOOD_ADMINS, PROD_A: GOOD_ADMINS},
        "graph": graph(),
    }
    write("all-pass.json", snapshot(all_pass_sources, "Every control passes.", warnings=[]))

    write("all-fail.json", snapshot({
        "tenant_settings": BAD_SETTINGS,
        "tenant_isolation": isolation(False),
        "environments": [
            env(DEFAULT, "Default", "Contoso (default)", default=True),
            env(PROD_A, "Production", "Prod A", group="", managed=False),
            env(SANDBOX, "Sandbox", "Sandbox", group=ZERO),
        ],
        "dlp_policies": [policy("listed-elsewhere", "OnlyEnvironments", ["eeeeeeee-0000-0000-0000-00000000000e"],
                                default="General")],
        "dataverse": {DEFAULT: BAD_ROW, PROD_A: BAD_ROW, SANDBOX: BAD_ROW},
        "dataverse_admins": {DEFAULT: BAD_ADMINS, PROD_A: BAD_ADMINS, SANDBOX: BAD_ADMINS},
        "graph": graph(ca=OFFICE_365_TRAP, global_admins=BAD_GLOBAL_ADMINS),
    }, "Every control fails (isolation disabled; firewall in audit mode; zero-GUID group; "
       "12 System Administrators; one Global Administrator; the Office 365 app group trap)."))

    write("partial.json", snapshot({
        "tenant_settings": GOOD_SETTINGS,
        "tenant_isolation": None,
        "environments": [
            env(DEFAULT, "Default", "Contoso (default)", managed=True, limited=True, default=True),
            env(PROD_A, "Production", "Prod A", group=GROUP, managed=True, limited=True, cmk=True, vnet=True),
            env(PROD_B, "Production", "Prod B", group="", managed=False),
        ],
        "dlp_policies": [policy("prod-a-only", "OnlyEnvironments", [PROD_A])],
        "dataverse": {DEFAULT: GOOD_ROW, PROD_A: GOOD_ROW, PROD_B: BAD_ROW},
        "dataverse_admins": {DEFAULT: GOOD_ADMINS, PROD_A: GOOD_ADMINS, PROD_B: BAD_ADMINS},
        "graph": graph(),
    }, "Every environment control is partial: Prod A passes, Prod B fails. "
       "Tenant isolation was never configured (null)."))

    write("no-environments.json", snapshot({
        "tenant_settings": GOOD_SETTINGS, "tenant_isolation": isolation(True),
        "environments": [], "dlp_policies": [], "dataverse": {}, "dataverse_admins": {},
        "graph": graph(),
    }, "No environments: every environment control is not applicable; tenant controls are worth 0."))

    write("developer-only.json", snapshot({
        "tenant_settings": GOOD_SETTINGS, "tenant_isolation": isolation(True),
        "environments": [env(DEV, "Developer", "Dev", dataverse=False)],
        "dlp_policies": [policy("tenant-wide", "AllEnvironments", [])], "dataverse": {},
        "dataverse_admins": {}, "graph": graph(),
    }, "One developer environment without Dataverse: only dlp-environment-coverage applies; "
       "it is not the default environment, so the default environment's controls are unknown."))

    write("default-only.json", snapshot({
        "tenant_settings": GOOD_SETTINGS, "tenant_isolation": isolation(True),
        "environments": [env(DEFAULT, "Default", "Contoso (default)", managed=True, limited=True,
                             default=True)],
        "dlp_policies": [policy("tenant-wide", "AllEnvironments", [])],
        "dataverse": {DEFAULT: GOOD_ROW}, "dataverse_admins": {DEFAULT: GOOD_ADMINS}, "graph": graph(),
    }, "Only the default environment: dlp-environment-coverage, environment-security-group, "
       "customer-managed-key and virtual-network are not applicable."))

    write("unknown.json", snapshot({
        "environments": [
            env(DEFAULT, "Default", "Contoso (default)", managed=True, limited=True, default=True),
            env(PROD_A, "Production", "Prod A", group=GROUP, managed=True, limited=True),
            env(PROD_B, "Production", "Prod B", group=GROUP, managed=True, limited=True),
        ],
        "dataverse": {DEFAULT: {"error": {"status": 403, "code": "Forbidden",
                                          "message": "The user is not a member of the organization."}},
                      PROD_B: {k: v for k, v in GOOD_ROW.items()
                               if k not in ("enableipbasedfirewallrule", "isauditenabled",
                                            "enableipbasedcookiebinding", "restrictGuestUserAccess",
                                            "applicationbasedaccesscontrolmode",
                                            "iscontentsecuritypolicyenabledforcanvas")}},
        "dataverse_admins": {DEFAULT: {"error": {"status": 403, "code": "Forbidden",
                                                 "message": "The user is not a member of the organization."}},
                             PROD_B: {"value": [{"roleid": "r"}]}},
    }, "Sources missing (tenant settings, isolation, DLP, Graph) and Dataverse unreadable "
       "(403 for the default environment, no entry for Prod A, Prod B's row lacking columns "
       "and its role copy lacking its users): those controls are unknown.",
        warnings=["Dataverse of Prod B: the column enableipbasedfirewallrule is unknown to the "
                  "service; it was left out of the read"]))

    write("graph-403.json", snapshot(dict(all_pass_sources, graph={
        "conditional_access": forbidden("Policy.Read.All"),
        "security_defaults": forbidden("Policy.Read.All"),
        "global_admins": forbidden("RoleManagement.Read.Directory"),
    }), "Microsoft Graph answered 403 for every source: the app lacks Policy.Read.All and "
        "RoleManagement.Read.Directory; the identity controls are unknown, the rest pass.",
        warnings=["Microsoft Graph refused to list Conditional Access policies (403)"]))

    # A group's members unreadable: the Global Administrator count is unknown.
    group_403 = copy.deepcopy(all_pass_sources)
    group_403["graph"]["global_admins"]["group_members"][ADMINS_GROUP["id"]] = forbidden("GroupMember.Read.All")
    write("group-members-403.json", snapshot(group_403, "The members of the group that holds "
                                                         "Global Administrator could not be read."))

    # Conditional Access: the rule in full, one policy per fixture (security defaults off).
    ca_cases = {
        "ca-office365-trap.json": (OFFICE_365_TRAP, "The Office 365 app group does not cover "
                                                    "Dataverse or the Flow service."),
        "ca-three-apps.json": ({"value": [ca_policy("Power Platform MFA",
                                                    apps=(DATAVERSE_APP, POWERAPPS_APP, FLOW_APP))]},
                               "The three Power Platform apps named: passes."),
        "ca-two-apps.json": ({"value": [ca_policy("Power Apps MFA", apps=(DATAVERSE_APP, POWERAPPS_APP))]},
                             "Only two of the three apps: fails."),
        "ca-excluded.json": ({"value": [ca_policy("All but Flow", exclude=(FLOW_APP,))]},
                             "All apps but the Flow service excluded: fails."),
        "ca-or-trap.json": ({"value": [ca_policy("MFA or compliant device",
                                                 controls=("mfa", "compliantDevice"), operator="OR")]},
                            "MFA OR a compliant device: a user can satisfy it without MFA."),
        "ca-and.json": ({"value": [ca_policy("MFA and compliant device",
                                             controls=("mfa", "compliantDevice"), operator="AND")]},
                        "MFA AND a compliant device: passes."),
        "ca-strength.json": ({"value": [ca_policy("Phishing-resistant", controls=(),
                                                  strength={"id": "00000000-0000-0000-0000-000000000004",
                                                            "displayName": "Phishing-resistant MFA"})]},
                             "An authentication strength: passes."),
        "ca-block.json": ({"value": [ca_policy("Block everyone", controls=("block",))]},
                          "Block: passes."),
        "ca-legacy-clients.json": ({"value": [ca_policy("Legacy only", clients=("exchangeActiveSync", "other"))]},
                                   "Aimed at legacy clients only: fails."),
        "ca-browser-and-apps.json": ({"value": [ca_policy("Modern clients",
                                                          clients=("browser", "mobileAppsAndDesktopClients"))]},
                                     "Browser and mobile and desktop apps: passes."),
        "ca-some-users.json": ({"value": [ca_policy("Admins only", users=("role-id",))]},
                               "Not all users: fails."),
        "ca-report-only.json": ({"value": [ca_policy("Report only", state="enabledForReportingButNotEnforced"),
                                           ca_policy("Turned off", state="disabled", apps=("Office365",))]},
                                "Report-only: fails with a warning; the disabled one is further away."),
        "ca-none.json": ({"value": []}, "No policy at all: fails."),
    }
    for name, (ca, comment) in ca_cases.items():
        write(name, snapshot(dict(all_pass_sources, graph=graph(ca=ca)), comment))
    write("ca-security-defaults.json", snapshot(dict(all_pass_sources, graph=graph(ca={"value": []},
                                                                                    defaults=DEFAULTS_ON)),
                                                "Security defaults on: passes with no policy."))

    # Global Administrators: 5 people fail; direct and group-held.
    many = copy.deepcopy(GOOD_GLOBAL_ADMINS)
    many["assignments"]["value"] += [assignment(principal("user", n, f"Admin {n}")) for n in (7, 8)]
    write("global-admins-five.json", snapshot(dict(all_pass_sources, graph=graph(global_admins=many)),
                                              "Five Global Administrators (one held through a group): "
                                              "fails."))

    # The firewall's allow-list, one environment per case (all managed, with Dataverse).
    ranges = [
        ("fw-open", "0.0.0.0/0", None, "fail"),
        ("fw-slash8", "10.0.0.0/8", None, "pass"),
        ("fw-slash7", "10.0.0.0/7", None, "fail"),
        ("fw-v6-16", "", "2001:db8::/16", "pass"),
        ("fw-v6-15", "2001:db8::/15", None, "fail"),
        ("fw-host-bits", "192.168.1.77/24", "2001:db8::1", "pass"),
        ("fw-garbage", "10.0.0.0/8, not-an-address", None, "fail"),
        ("fw-bad-prefix", "10.0.0.0/33", None, "fail"),
        ("fw-zone", "fe80::1%eth0", None, "fail"),
        ("fw-empty", " , ", "", "fail"),
        ("fw-second-list", None, "203.0.113.0/24", "pass"),
        ("fw-no-lists", "absent", "absent", "unknown"),
        ("fw-audit", "10.0.0.0/8", None, "audit"),
    ]
    envs = [env(DEFAULT, "Default", "Contoso (default)", managed=True, limited=True, default=True)]
    rows = {DEFAULT: GOOD_ROW}
    for i, (name, first, second, _) in enumerate(ranges):
        env_name = f"{i:08d}-f1f1-f1f1-f1f1-f1f1f1f1f1f1"
        envs.append(env(env_name, "Sandbox", name, managed=True, limited=True))
        row = dict(GOOD_ROW, allowediprangeforfirewall=first, allowedlistofiprangesforfirewall=second)
        if first == "absent":
            del row["allowediprangeforfirewall"], row["allowedlistofiprangesforfirewall"]
        if name == "fw-audit":
            row["enableipbasedfirewallruleinauditmode"] = True
        rows[env_name] = row
    write("firewall-ranges.json", snapshot(dict(all_pass_sources, environments=envs, dataverse=rows,
                                                dataverse_admins={k: GOOD_ADMINS for k in rows}),
                                           "One environment per allow-list case; the display name "
                                           "says which (test-engine.c states each verdict)."))

    # System Administrators: an application user among them is not counted (10 people plus
    # one application user passes); 11 people fail.
    ten_and_app = admins([user(i) for i in range(1, 11)] + [user(11, app=TRUSTED_APP)])
    eleven = admins([user(i) for i in range(1, 12)])
    zero_guid_app = admins([user(i) for i in range(1, 11)] + [user(11, app=ZERO)])
    missing_column = admins([{k: v for k, v in user(1).items() if k != "accessmode"}])
    write("admins.json", snapshot(dict(all_pass_sources,
                                       environments=all_pass_sources["environments"] + [
                                           env(PROD_B, "Production", "Eleven", group=GROUP, managed=True,
                                               limited=True, cmk=True, vnet=True),
                                           env(SANDBOX, "Sandbox", "Zero-GUID application", group=GROUP,
                                               managed=True, limited=True)],
                                       dataverse={DEFAULT: GOOD_ROW, PROD_A: GOOD_ROW, PROD_B: GOOD_ROW,
                                                  SANDBOX: GOOD_ROW},
                                       dataverse_admins={DEFAULT: ten_and_app, PROD_A: missing_column,
                                                         PROD_B: eleven, SANDBOX: zero_guid_app}),
                                  "System Administrators: the default environment has 10 people and "
                                  "an application user (pass), Prod A a user without accessmode "
                                  "(unknown), Eleven 11 people (fail), and the Sandbox 10 people and "
                                  "a user whose applicationid is the zero GUID, no application (fail)."))

    # App access control and guest access, one environment per case.
    app_cases = [
        ("app-enforced", 1, TRUSTED_APP, None, "pass"),
        ("app-roles", "3", None, f" {TRUSTED_APP} ,", "pass"),
        ("app-audit", 2, TRUSTED_APP, None, "fail"),
        ("app-off", 0, TRUSTED_APP, None, "fail"),
        ("app-no-apps", 1, " , ", "", "fail"),
        ("app-null-mode", None, TRUSTED_APP, None, "fail"),
    ]
    envs = [env(DEFAULT, "Default", "Contoso (default)", managed=True, limited=True, default=True)]
    rows = {DEFAULT: GOOD_ROW}
    for i, (name, mode, allowed, blocked, _) in enumerate(app_cases):
        env_name = f"{i:08d}-a1a1-a1a1-a1a1-a1a1a1a1a1a1"
        envs.append(env(env_name, "Sandbox", name, managed=True, limited=True))
        rows[env_name] = dict(GOOD_ROW, applicationbasedaccesscontrolmode=mode,
                              allowedapplicationsfordvaccess=allowed,
                              blockedapplicationsfordvaccess=blocked,
                              restrictGuestUserAccess=None if name == "app-null-mode" else True)
    write("app-access.json", snapshot(dict(all_pass_sources, environments=envs, dataverse=rows,
                                           dataverse_admins={k: GOOD_ADMINS for k in rows}),
                                      "One environment per app access control case."))

    # Data policies: an environment-level policy covers its environment but is not
    # tenant-wide; the default environment found by its name when isDefault is absent.
    single = snapshot(dict(all_pass_sources,
                           environments=[env(DEFAULT, "Default", "Contoso (default)", managed=True,
                                             limited=True),
                                         env(PROD_A, "Production", "Prod A", group=GROUP, managed=True,
                                             limited=True, cmk=True, vnet=True)],
                           dlp_policies=[policy("default-env", "SingleEnvironment", [DEFAULT]),
                                         policy("prod-a", "SingleEnvironment", [PROD_A])]),
                      "Two environment-level (SingleEnvironment) policies: both environments are "
                      "covered, no policy is tenant-wide; isDefault is false everywhere, so the "
                      "default environment is the one named Default-{tenant}.")
    write("dlp-SingleEnvironment.json", single)

    no_default = snapshot(dict(all_pass_sources,
                               environments=[env(PROD_A, "Production", "Prod A", group=GROUP, managed=True,
                                                 limited=True, cmk=True, vnet=True)],
                               dataverse={PROD_A: GOOD_ROW}, dataverse_admins={PROD_A: GOOD_ADMINS}),
                          "No default environment (none has isDefault, none is named "
                          "Default-{tenant}): the default environment's controls are unknown.")
    write("no-default.json", no_default)

    # The default environment's connectors.
    connector_cases = {
        "connectors-general-default.json": ([policy("p", "AllEnvironments", [], default="General")],
                                            "Unlisted connectors are usable: fails."),
        "connectors-outside.json": ([policy("p", "AllEnvironments", [], business=ALLOWED_CONNECTORS + OTHER_CONNECTORS,
                                            blocked=())],
                                    "Twitter and Dropbox in Business: fails, naming them."),
        "connectors-blocked-elsewhere.json": ([policy("p", "AllEnvironments", [], default="Blocked",
                                                      business=ALLOWED_CONNECTORS + OTHER_CONNECTORS, blocked=()),
                                               policy("q", "OnlyEnvironments", [DEFAULT], default="General",
                                                      business=ALLOWED_CONNECTORS, blocked=OTHER_CONNECTORS)],
                                              "One policy allows Twitter and Dropbox, another covering "
                                              "policy blocks them: passes."),
        "connectors-uncovered.json": ([policy("p", "OnlyEnvironments", [PROD_A])],
                                      "No policy covers the default environment: fails."),
    }
    for name, (policies, comment) in connector_cases.items():
        write(name, snapshot(dict(all_pass_sources, dlp_policies=policies), comment))

    # DLP coverage: the policy types × default environment listed or not (the policy then
    # lists Prod A, the one other environment).
    for env_type in ("AllEnvironments", "OnlyEnvironments", "ExceptEnvironments"):
        for listed in (True, False):
            write(f"dlp-{env_type}-{'listed' if listed else 'unlisted'}.json", snapshot({
                "tenant_settings": GOOD_SETTINGS, "tenant_isolation": isolation(True),
                "environments": [
                    env(DEFAULT, "Default", "Contoso (default)", default=True),
                    env(PROD_A, "Production", "Prod A"),
                ],
                "dlp_policies": [policy("p", env_type, [DEFAULT if listed else PROD_A])],
                "dataverse": {DEFAULT: GOOD_ROW, PROD_A: GOOD_ROW},
                "dataverse_admins": {DEFAULT: GOOD_ADMINS, PROD_A: GOOD_ADMINS}, "graph": graph(),
            }, f"One {env_type} policy listing {'the default environment' if listed else 'Prod A only'}."))

    # The admin center's documented example, redone with DESIGN.md's rules.
    envs = [env(DEFAULT, "Default", "Contoso (default)", managed=True, default=True)]
    rows = {DEFAULT: dict(GOOD_ROW, enableipbasedfirewallrule=False)}
    for i in range(10):
        name = f"{i:08d}-1111-2222-3333-444444444444"
        envs.append(env(name, "Production" if i < 5 else "Sandbox", f"Env {i}",
                        group=GROUP if i < 5 else "", managed=i < 5))
        rows[name] = dict(GOOD_ROW, enableipbasedfirewallrule=i in (0, 6))
    write("admin-center-example.json", snapshot({
        "tenant_settings": GOOD_SETTINGS, "tenant_isolation": isolation(True),
        "environments": envs, "dlp_policies": [], "dataverse": rows,
        "dataverse_admins": {k: GOOD_ADMINS for k in rows}, "graph": graph(),
    }, "A default environment plus 10 others (5 managed): tenant isolation on, IP firewall on "
       "in 2 environments, a security group on 5. See test-engine.c for the points."))

    # A version 1 snapshot, as Posture 0.1 wrote it: no Graph, no System Administrators,
    # the first $select. The controls that need more are unknown: it predates them.
    legacy = snapshot({
        "tenant_settings": {k: v for k, v in GOOD_SETTINGS.items()},
        "tenant_isolation": isolation(True),
        "environments": [
            env(DEFAULT, "Default", "Contoso (default)", managed=True, limited=True, default=True),
            env(PROD_A, "Production", "Prod A", group=GROUP, managed=True, limited=True, cmk=True, vnet=True),
        ],
        "dlp_policies": [policy("tenant-wide", "AllEnvironments", [])],
        "dataverse": {DEFAULT: {k: GOOD_ROW[k] for k in V1_COLUMNS},
                      PROD_A: {k: GOOD_ROW[k] for k in V1_COLUMNS}},
    }, "Format 1: Graph and the System Administrators were not read, nor the newer Dataverse "
       "columns.", version=1)
    write("legacy-v1.json", legacy)

    # What real APIs send: strings for booleans, "" for [], vnets in lower case, an OData
    # list around the Dataverse row, names in other casing, policies without the v2 wrapper,
    # unknown members everywhere, nulls, members missing.
    tolerant = snapshot({
        "tenant_settings": {"disableEnvironmentCreationByNonAdminUsers": "true",
                            "DisableTrialEnvironmentCreationByNonAdminUsers": "True",
                            "disablePortalsCreationByNonAdminUsers": None,
                            "powerplatform": {"POWERAPPS": {"disableShareWithEveryone": "false",
                                                            "DisableConnectionSharingWithEveryone": "TRUE"},
                                              "futureFeature": {"x": 1}},
                            "someNewSetting": [1, 2, 3]},
        "tenant_isolation": {"properties": {"tenantId": TENANT, "isDisabled": "false",
                                            "allowedTenants": ""}, "etag": "x"},
        "environments": [
            {"name": DEFAULT.upper(), "properties": {"displayName": "Default", "environmentSku": "default",
                                                     "linkedEnvironmentMetadata": {"securityGroupId": None},
                                                     "governanceConfiguration": {"protectionLevel": "standard",
                                                                                 "settings": {"extendedSettings": {"maxLimitUserSharing": "25"}}},
                                                     "newThing": {"a": [None]}}},
            {"name": PROD_A, "properties": {"displayName": None, "environmentSku": "PRODUCTION",
                                            "isDefault": "false",
                                            "linkedEnvironmentMetadata": {"securityGroupId": GROUP},
                                            "governanceConfiguration": None,
                                            "enterprisePolicies": {"vnets": {"linkStatus": "linked"},
                                                                   "customerManagedKeys": {"status": "Linked"}}}},
            {"name": DEV},
        ],
        "dlp_policies": [
            {"name": "bare", "displayName": "Bare definition", "environmentType": "exceptenvironments",
             "environments": "", "connectorGroups": None},
            {"policyDefinition": {"name": "ids", "environmentType": "OnlyEnvironments",
                                  "environments": [{"id": f"/providers/x/environments/{DEV.upper()}"}, PROD_A]}},
        ],
        "dataverse": {DEFAULT.lower(): {"@odata.context": "x", "value": [
            {"EnableIPBasedFirewallRule": "true", "isauditenabled": "True",
             "AllowedIpRangeForFirewall": "10.0.0.0/8",
             "iscontentsecuritypolicyenabled": True, "iscontentsecuritypolicyenabledforcanvas": "true",
             "enableipbasedcookiebinding": "false", "RESTRICTGUESTUSERACCESS": "true",
             "ApplicationBasedAccessControlMode": "1", "AllowedApplicationsForDVAccess": TRUSTED_APP}]},
                      PROD_A: {"isauditenabled": "maybe", "enableipbasedfirewallrule": None,
                               "allowediprangeforfirewall": None, "restrictguestuseraccess": None,
                               "applicationbasedaccesscontrolmode": None,
                               "blockedapplicationsfordvaccess": None}},
        "dataverse_admins": {DEFAULT.lower(): [{"roleid": "r", "SystemUserRoles_Association": [
                                 {"SystemUserId": "U1", "IsDisabled": "false", "AccessMode": "0",
                                  "ApplicationId": None, "AzureActiveDirectoryObjectId": "o1"},
                                 {"systemuserid": "u1", "isdisabled": False, "accessmode": 0,
                                  "applicationid": "", "azureactivedirectoryobjectid": "o1"}]}],
                             PROD_A: {"value": []}},
        "graph": {"conditional_access": {"value": [{"displayName": "Casing", "state": "Enabled",
                                                    "conditions": {"applications": {"includeApplications": ["all"]},
                                                                   "users": {"includeUsers": ["ALL"]},
                                                                   "clientAppTypes": []},
                                                    "grantControls": {"builtInControls": ["MFA"]}}]},
                  "security_defaults": {"IsEnabled": "false"},
                  "global_admins": {"assignments": [{"principal": {"@odata.type": "#Microsoft.Graph.User",
                                                                   "id": "A1"}},
                                                    {"principal": {"@odata.type": "#microsoft.graph.user",
                                                                   "id": "a1"}},
                                                    {"principal": {"@odata.type": "#microsoft.graph.group",
                                                                   "id": "G1"}}],
                                    "group_members": {"g1": [{"@odata.type": "#microsoft.graph.user",
                                                              "id": "b2"}]}}},
        "future_source": {"anything": True},
    }, "Tolerance: what real APIs send.")
    write("tolerant.json", tolerant)

    # Hostile names: terminal escapes and quotes in names shown to the user.
    hostile = snapshot({
        "tenant_settings": GOOD_SETTINGS, "tenant_isolation": isolation(True),
        "environments": [env(DEFAULT, "Default", "\u001b[31mRED\u001b[0m \"quoted\" \\ ünïcødé", default=True)],
        "dlp_policies": [], "dataverse": {DEFAULT: GOOD_ROW}, "dataverse_admins": {DEFAULT: GOOD_ADMINS},
        "graph": graph(),
    }, "Names with terminal escapes.", warnings=["A reader note with an escape \u001b]0;x\u0007 in it"])
    hostile["tenant"]["display_name"] = "Evil\u001b]0;pwned\u0007 tenant"
    write("hostile-names.json", hostile)

    write("version-3.json", dict(snapshot({}, "A newer format."), posture_snapshot=3))
    write("not-a-snapshot.json", {"value": [{"name": "x"}], "nextLink": None})


if __name__ == "__main__":
    main()
