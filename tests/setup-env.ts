// Tests must never pick up a developer's real credentials from the shell.
for (const name of Object.keys(process.env)) {
  if (/^(LWA_|AMAZON_REFRESH_TOKEN|ALLOCADENCE_)/.test(name)) Reflect.deleteProperty(process.env, name);
}
