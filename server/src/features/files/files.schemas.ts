import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Uuid } from '../../platform/http/schemas.js';
import { MEDIA_TYPES } from '../../platform/files/media-type.js';

export const FileView = Type.Object(
  {
    id: Uuid(),
    sha256: Type.String({ description: '内容 SHA-256（证据完整性校验）/ content hash' }),
    mime: Type.Enum(MEDIA_TYPES, { description: '按文件头识别的类型 / type detected from the bytes' }),
    size: Type.Integer({ description: '字节数 / bytes' }),
    originalName: Nullable(Type.String()),
    uploadedBy: Uuid(),
    exifTakenAt: Nullable(DateTime()),
    exifLat: Nullable(Type.Number({ description: 'EXIF GPS 纬度（WGS84）' })),
    exifLng: Nullable(Type.Number({ description: 'EXIF GPS 经度（WGS84）' })),
    regionId: Nullable(Uuid()),
    ownerType: Type.String({ description: "所属记录类型；'user' 表示尚未关联、归上传者 / owning record type" }),
    ownerId: Type.String(),
    createdAt: DateTime(),
    contentUrl: Type.String({ description: '读取文件内容的地址 / where to fetch the bytes' }),
  },
  { description: '文件（照片/视频证据）/ file' },
);
export type FileView = Static<typeof FileView>;

export const UploadFilesBody = Type.Object(
  { files: Type.Array(Type.String({ format: 'binary' }), { minItems: 1, maxItems: 10 }) },
  { description: 'multipart/form-data：一个或多个文件（照片 JPEG/PNG/WebP/HEIC，视频 MP4/MOV）' },
);

export const UploadFilesResponse = Type.Object({ items: Type.Array(FileView) });

export const AttachFileInput = Type.Object({
  fileId: Uuid(),
  ownerType: Type.String({ minLength: 1, maxLength: 50 }),
  ownerId: Type.String({ minLength: 1, maxLength: 100 }),
  /** The region of the owning record: admins over that region may then read the file. */
  regionId: Type.Optional(Nullable(Uuid())),
});
export type AttachFileInput = Static<typeof AttachFileInput>;

export const FileContent = {
  description: '文件内容（支持 Range）/ the bytes (Range supported)',
  content: { 'image/*': { schema: Type.String({ format: 'binary' }) }, 'video/*': { schema: Type.String({ format: 'binary' }) } },
};
