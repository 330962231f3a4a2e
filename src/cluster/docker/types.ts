// The parts of the Docker Engine API 1.41 objects KubeLab reads and writes.
// Docker's own field names (PascalCase) are kept so the JSON goes through as is.

export interface PortBinding {
  HostIp?: string;
  HostPort?: string;
}

export interface MountSpec {
  Type: 'bind' | 'volume' | 'tmpfs';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
}

export interface HostConfig {
  NetworkMode?: string;
  IpcMode?: string;
  PidMode?: string;
  UTSMode?: string;
  CapAdd?: string[];
  CapDrop?: string[];
  Privileged?: boolean;
  SecurityOpt?: string[];
  Binds?: string[];
  Mounts?: MountSpec[];
  RestartPolicy?: { Name: '' | 'no' | 'always' | 'on-failure' | 'unless-stopped'; MaximumRetryCount?: number };
  Init?: boolean;
  Memory?: number;
  NanoCpus?: number;
  Sysctls?: Record<string, string>;
  DnsSearch?: string[];
  ExtraHosts?: string[];
  AutoRemove?: boolean;
  ShmSize?: number;
  LogConfig?: { Type: string; Config?: Record<string, string> };
}

export interface EndpointSettings {
  IPAMConfig?: { IPv4Address?: string };
  IPAddress?: string;
  Gateway?: string;
  NetworkID?: string;
  Aliases?: string[];
  MacAddress?: string;
}

export interface ContainerConfig {
  Hostname?: string;
  Domainname?: string;
  User?: string;
  Env?: string[];
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  Image?: string;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  StopSignal?: string;
  StopTimeout?: number;
  ExposedPorts?: Record<string, object>;
}

export interface ContainerCreateBody extends ContainerConfig {
  HostConfig?: HostConfig;
  NetworkingConfig?: { EndpointsConfig?: Record<string, EndpointSettings> };
}

export interface ContainerState {
  Status: 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
  Running: boolean;
  Paused?: boolean;
  Restarting?: boolean;
  OOMKilled: boolean;
  Dead?: boolean;
  Pid?: number;
  ExitCode: number;
  Error: string;
  StartedAt: string;
  FinishedAt: string;
}

export interface MountPoint {
  Type: string;
  Name?: string;
  Source: string;
  Destination: string;
  RW?: boolean;
}

export interface ContainerInspect {
  Id: string;
  Name: string;
  Created: string;
  Image: string;
  State: ContainerState;
  RestartCount?: number;
  Config: ContainerConfig;
  HostConfig: HostConfig;
  Mounts?: MountPoint[];
  NetworkSettings?: { Networks?: Record<string, EndpointSettings>; IPAddress?: string; SandboxKey?: string };
}

export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  Command?: string;
  Created: number;
  State: ContainerState['Status'];
  Status: string;
  Labels: Record<string, string>;
}

export interface ExecCreateBody {
  Cmd: string[];
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  Tty?: boolean;
  Env?: string[];
  User?: string;
  WorkingDir?: string;
  Privileged?: boolean;
  DetachKeys?: string;
}

export interface ExecInspect {
  ID: string;
  Running: boolean;
  ExitCode: number | null;
  Pid?: number;
  ContainerID: string;
  ProcessConfig?: { entrypoint: string; arguments: string[]; tty: boolean; user?: string };
  OpenStdin?: boolean;
}

export interface ImageInspect {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Size?: number;
  Config?: ContainerConfig;
}

export interface ImageSummary {
  Id: string;
  RepoTags: string[] | null;
  RepoDigests?: string[] | null;
  Created: number;
  Size: number;
  Labels?: Record<string, string> | null;
}

export interface VolumeInspect {
  Name: string;
  Driver: string;
  Mountpoint: string;
  Labels?: Record<string, string> | null;
}

export interface NetworkCreateBody {
  Name: string;
  Driver?: string;
  CheckDuplicate?: boolean;
  Internal?: boolean;
  IPAM?: { Driver?: string; Config?: { Subnet?: string; Gateway?: string; IPRange?: string; AuxiliaryAddresses?: Record<string, string> }[] };
  Options?: Record<string, string>;
  Labels?: Record<string, string>;
}

export interface DockerEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano: number;
}

export interface PullProgress {
  status?: string;
  id?: string;
  progress?: string;
  error?: string;
  errorDetail?: { message?: string };
}
