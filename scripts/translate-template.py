"""Prints template.yaml as CloudFormation gets it from SAM's transform (aws-sam-translator, which
cfn-lint installs), as JSON. Local CodeUris become S3 placeholders, as `sam package` would make them."""
import json
import os
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies:
    def load(self):
        return {}


os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
template = yaml_parse(open(sys.argv[1] if len(sys.argv) > 1 else "template.yaml").read())
for resource in template["Resources"].values():
    if resource["Type"] == "AWS::Serverless::Function":
        resource["Properties"]["CodeUri"] = "s3://placeholder/code.zip"
print(json.dumps(transform(template, {"AWS::Region": "us-east-1"}, NoManagedPolicies())))
