#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the engine's test fixtures (snapshots, format 1) next to this script.

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

GOOD_SETTINGS = {
    "disableEnvironmentCreationByNonAdminUsers": True,
    "disableTrialEnvironmentCreationByNonAdminUsers": True,
    "disablePortalsCreationByNonAdminUsers": True,
    "powerPlatform": {
        "powerApps": {"disableShareWithEveryone": True, "enableGuestsToMake": False},
        "governance": {"disableDeveloperEnvironmentCreationByNonAdminUsers": True},
    },
}
BAD_SETTINGS = {
    "disableEnvironmentCreationByNonAdminUsers": False,
    "disableTrialEnvironmentCreationByNonAdminUsers": False,
    "disablePortalsCreationByNonAdminUsers": False,
    "powerPlatform": {
        "powerApps": {"disableShareWithEveryone": False, "enableGuestsToMake": True},
        "governance": {"disableDeveloperEnvironmentCreationByNonAdminUsers": False},
    },
}
GOOD_ROW = {
    "organizationid": "0000", "enableipbasedfirewallrule": True,
    "enableipbasedfirewallruleinauditmode": False, "enableipbasedcookiebinding": True,
    "isauditenabled": True, "iscontentsecuritypolicyenabled": True,
    "iscontentsecuritypolicyenabledforcanvas": True,
}
BAD_ROW = {
    "organizationid": "0000", "enableipbasedfirewallrule": True,
    "enableipbasedfirewallruleinauditmode": True, "enableipbasedcookiebinding": False,
    "isauditenabled": False, "iscontentsecuritypolicyenabled": True,
    "iscontentsecuritypolicyenabledforcanvas": False,
}


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


def policy(name, env_type, envs):
    return {"policyDefinition": {
        "name": name, "displayName": name, "environmentType": env_type,
        "environments": [{"id": f"/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/{e}",
                          "name": e, "type": "Microsoft.BusinessAppPlatform/scopes/environments"}
                         for e in envs],
        "connectorGroups": [
            {"classification": "Confidential", "connectors": [
                {"id": "/providers/Microsoft.PowerApps/apis/shared_sharepointonline", "name": "SharePoint",
                 "type": "Microsoft.PowerApps/apis"}]},
            {"classification": "General", "connectors": []},
            {"classification": "Blocked", "connectors": [
                {"id": "/providers/Microsoft.PowerApps/apis/shared_twitter", "name": "Twitter",
                 "type": "Microsoft.PowerApps/apis"}]}]}}


def snapshot(sources, comment):
    return {"_comment": comment, "posture_snapshot": 1, "captured_at": "2026-11-28T10:00:00Z",
            "cloud": "public", "tenant": {"id": TENANT, "display_name": "Fixture tenant"},
            "sources": sources}


def isolation(enabled, allowed=None):
    return {"properties": {"tenantId": TENANT, "isDisabled": not enabled,
                           "allowedTenants": allowed if allowed is not None else ""}}


def write(name, data):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")


def main():
    write("all-pass.json", snapshot({
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
    }, "Every control passes."))

    write("all-fail.json", snapshot({
        "tenant_settings": BAD_SETTINGS,
        "tenant_isolation": isolation(False),
        "environments": [
            env(DEFAULT, "Default", "Contoso (default)", default=True),
            env(PROD_A, "Production", "Prod A", group="", managed=False),
            env(SANDBOX, "Sandbox", "Sandbox", group="00000000-0000-0000-0000-000000000000"),
        ],
        "dlp_policies": [policy("listed-elsewhere", "OnlyEnvironments", ["eeeeeeee-0000-0000-0000-00000000000e"])],
        "dataverse": {DEFAULT: BAD_ROW, PROD_A: BAD_ROW, SANDBOX: BAD_ROW},
    }, "Every control fails (isolation disabled; firewall in audit mode; zero-GUID group)."))

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
    }, "Every environment control is partial: Prod A passes, Prod B fails. "
       "Tenant isolation was never configured (null)."))

    write("no-environments.json", snapshot({
        "tenant_settings": GOOD_SETTINGS, "tenant_isolation": isolation(True),
        "environments": [], "dlp_policies": [], "dataverse": {},
    }, "No environments: every environment control is not applicable; tenant controls are worth 0."))

    write("developer-only.json", snapshot({
        "tenant_settings": GOOD_SETTINGS, "tenant_isolation": isolation(True),
        "environments": [env(DEV, "Developer", "Dev", dataverse=False)],
        "dlp_policies": [policy("tenant-wide", "AllEnvironments", [])], "dataverse": {},
    }, "One developer environment without Dataverse: only dlp-environment-coverage applies."))

    write("default-only.json", snapshot({
        "tenant_settings": GOOD_SETTINGS, "tenant_isolation": isolation(True),
        "environments": [env(DEFAULT, "Default", "Contoso (default)", managed=True, limited=True,
                             default=True)],
        "dlp_policies": [policy("tenant-wide", "AllEnvironments", [])],
        "dataverse": {DEFAULT: GOOD_ROW},
    }, "Only the default environment: dlp-environment-coverage, environment-security-group, "
       "customer-managed-key and virtual-network are not applicable."))

    write("unknown.json", snapshot({
        "environments": [
            env(DEFAULT, "Default", "Contoso (default)", managed=True, limited=True, default=True),
            env(PROD_A, "Production", "Prod A", group=GROUP, managed=True, limited=True),
        ],
        "dataverse": {DEFAULT: {"error": {"status": 403, "code": "Forbidden",
                                          "message": "The user is not a member of the organization."}}},
    }, "Sources missing (tenant settings, isolation, DLP) and Dataverse unreadable "
       "(403 for the default environment, no entry for Prod A): those controls are unknown."))

    # DLP coverage: the three environmentType values, with the default environment listed
    # and not listed (the policy then lists Prod A instead).
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
    }, "A default environment plus 10 others (5 managed): tenant isolation on, IP firewall on "
       "in 2 environments, a security group on 5. See test-engine.c for the points."))

    # What real APIs send: strings for booleans, "" for [], vnets in lower case, an OData
    # list around the Dataverse row, names in other casing, policies without the v2 wrapper,
    # unknown members everywhere, nulls.
    tolerant = snapshot({
        "tenant_settings": {"disableEnvironmentCreationByNonAdminUsers": "true",
                            "disableTrialEnvironmentCreationByNonAdminUsers": "True",
                            "disablePortalsCreationByNonAdminUsers": None,
                            "powerPlatform": {"powerApps": {"disableShareWithEveryone": "false"},
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
             "iscontentsecuritypolicyenabled": True, "iscontentsecuritypolicyenabledforcanvas": "true",
             "enableipbasedcookiebinding": "false"}]},
                      PROD_A: {"isauditenabled": "maybe"}},
        "future_source": {"anything": True},
    }, "Tolerance: what real APIs send.")
    write("tolerant.json", tolerant)

    # Hostile names: terminal escapes and quotes in names shown to the user.
    hostile = snapshot({
        "tenant_settings": GOOD_SETTINGS, "tenant_isolation": isolation(True),
        "environments": [env(DEFAULT, "Default", "\u001b[31mRED\u001b[0m \"quoted\" \\ ünïcødé", default=True)],
        "dlp_policies": [], "dataverse": {DEFAULT: GOOD_ROW},
    }, "Names with terminal escapes.")
    hostile["tenant"]["display_name"] = "Evil\u001b]0;pwned\u0007 tenant"
    write("hostile-names.json", hostile)

    write("version-2.json", dict(snapshot({}, "A newer format."), posture_snapshot=2))
    write("not-a-snapshot.json", {"value": [{"name": "x"}], "nextLink": None})


if __name__ == "__main__":
    main()
