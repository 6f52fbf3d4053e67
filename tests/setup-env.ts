// Lambda runs Node 22+; the SDK's notice about Node 20, where the tests may run, says nothing about the code.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// No test reaches AWS: whatever credentials the developer has, the emulator under test sees none,
// so every AWS call a function makes is answered locally (NoLocalAwsAccess).
for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'])
  Reflect.deleteProperty(process.env, name);
process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials';
